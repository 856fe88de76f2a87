"""The `quiz` command. Heavy modules (Textual, fsrs) are imported inside commands,
so `quiz --help` and `quiz validate` stay fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quiz import __version__
from quiz.errors import QuizError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on stderr and exit 2 (as argparse does), one line of reason."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _deck_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "decks", nargs="*", metavar="DECK",
        help="deck files, folders of decks, or deck ids (default: the bundled decks and the data dir's)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quiz",
        description="Study dated documents in the terminal: spaced repetition and date-ordering exercises.",
        epilog="Run `quiz COMMAND --help` for a command's options. State lives in $QUIZ_DATA_DIR "
        "(default: the platform's user data dir).",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("study", help="open the study TUI (the default command)")
    _deck_args(p)
    p.set_defaults(func=_cmd_study)

    p = sub.add_parser("order", help="open the TUI straight into a date-ordering exercise")
    _deck_args(p)
    p.set_defaults(func=_cmd_order)

    p = sub.add_parser("generate", help="turn a folder of documents into YAML decks")
    p.add_argument("corpus", type=Path, metavar="CORPUS_DIR", help="folder of *.txt / *.md documents")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DECKS_DIR", help="where to write decks")
    p.set_defaults(func=_cmd_generate)

    p = sub.add_parser("validate", help="check deck files; file:line: message for each problem")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders")
    p.add_argument("--strict", action="store_true", help="also report unknown keys and lint (duplicates, empty answers)")
    p.set_defaults(func=_cmd_validate)
    return parser


def _cmd_validate(args: argparse.Namespace) -> int:
    from quiz.deck.validate import validate_paths

    problems, checked = validate_paths(args.paths, strict=args.strict)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    errors = [p for p in problems if p.severity == "error" or args.strict]
    if errors:
        return EXIT_INVALID
    print(f"{checked} deck file{'s' if checked != 1 else ''} valid", file=sys.stderr)
    return EXIT_OK


def _cmd_generate(args: argparse.Namespace) -> int:
    from quiz.generate.pipeline import generate

    summary = generate(args.corpus, args.output, progress=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return EXIT_OK


def _cmd_study(args: argparse.Namespace) -> int:
    from quiz.tui.app import run

    return run(args.decks, mode="study")


def _cmd_order(args: argparse.Namespace) -> int:
    from quiz.tui.app import run

    return run(args.decks, mode="order")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:  # bare `quiz`: study the default decks
        args = parser.parse_args(["study", *argv])
        func = args.func
    try:
        return func(args)
    except QuizError as exc:
        for line in exc.lines():
            print(line if ":" in line.split(" ")[0] else f"quiz: {line}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("quiz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
