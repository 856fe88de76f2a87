"""quiz: study dated documents in the terminal."""

__version__ = "0.1.0"
