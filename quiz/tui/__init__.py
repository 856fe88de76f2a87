"""The Textual front end. Import `quiz.tui.app.run` lazily: Textual is heavy."""
