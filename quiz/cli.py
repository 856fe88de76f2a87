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

    p = sub.add_parser("new", help="write a commented starter deck that validates as it is")
    p.add_argument("deck_id", metavar="DECK_ID", help="slug for the new deck, e.g. french-revolution")
    p.add_argument("-o", "--output", type=Path, metavar="PATH", help="file to write (default: DECK_ID.yaml)")
    p.add_argument("--title", help="deck title (default: from DECK_ID)")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("import", help="make a deck from CSV/TSV, Anki plain text or Quizlet export")
    p.add_argument("file", type=Path, metavar="FILE", help="file to import")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DECK.yaml", help="deck file to write")
    p.add_argument("--format", choices=("csv", "tsv", "anki", "quizlet"), help="input format (default: guessed)")
    p.add_argument("--date-column", metavar="N|NAME",
                   help="column of dates (1-based number or header name): those rows become event cards")
    p.add_argument("--deck-id", metavar="ID", help="deck id (default: from the output file name)")
    p.add_argument("--title", metavar="T", help="deck title (default: from the output file name)")
    p.add_argument("--force", action="store_true", help="overwrite DECK.yaml if it exists")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("export", help="write a deck as an Anki package (.apkg) or CSV")
    p.add_argument("deck", metavar="DECK", help="deck file or deck id")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="FILE.apkg or FILE.csv")
    p.add_argument("--format", choices=("apkg", "csv"), help="output format (default: from FILE's suffix)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("config", help="show or change study settings (retention, new cards a day, typing)")
    p.add_argument("key", nargs="?", help="desired_retention | new_per_day | typed_answers")
    p.add_argument("value", nargs="?", help="new value (omit to show the current one)")
    p.set_defaults(func=_cmd_config)

    p = sub.add_parser("restore", help="replace the review database with a backup (the newest by default)")
    p.add_argument("backup", nargs="?", type=Path, metavar="BACKUP", help="a file from the data dir's backups/")
    p.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser("stats", help="scores across sessions: reviews, streak, retention, due cards, exercises")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON object (fields in docs/stats.md)")
    p.set_defaults(func=_cmd_stats)
    return parser


_SETTING_RULES = {
    "desired_retention": ("a number from 0.5 to 0.99, e.g. 0.9", lambda v: 0.5 <= float(v) <= 0.99, float),
    "new_per_day": ("a whole number, 0 or more, e.g. 20", lambda v: v.isdigit(), int),
    "typed_answers": ("true or false", lambda v: v.lower() in ("true", "false", "on", "off", "yes", "no"),
                      lambda v: v.lower() in ("true", "on", "yes")),
}


def _cmd_config(args: argparse.Namespace) -> int:
    from dataclasses import asdict, replace

    from quiz.config import load_settings, save_settings, settings_path

    settings = load_settings()
    if args.key is None:
        for key, value in asdict(settings).items():
            print(f"{key} = {str(value).lower() if isinstance(value, bool) else value}")
        print(f"# {settings_path()}", file=sys.stderr)
        return EXIT_OK
    if args.key not in _SETTING_RULES:
        raise QuizError(f"unknown setting {args.key!r}; settings: {', '.join(_SETTING_RULES)}")
    expected, check, convert = _SETTING_RULES[args.key]
    if args.value is None:
        value = getattr(settings, args.key)
        print(str(value).lower() if isinstance(value, bool) else value)
        return EXIT_OK
    try:
        ok = check(args.value)
    except ValueError:
        ok = False
    if not ok:
        raise QuizError(f"{args.key} must be {expected}, not {args.value!r}")
    save_settings(replace(settings, **{args.key: convert(args.value)}))
    print(f"{args.key} = {args.value}", file=sys.stderr)
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from quiz.database import choose_backup, list_backups, restore_backup, review_summary
    from quiz.paths import database_path

    db = database_path()
    if args.list:
        backups = list_backups(db)
        for b in backups:
            print(b)
        if not backups:
            print(f"no backups yet in {db.parent / 'backups'}", file=sys.stderr)
        return EXIT_OK
    backup = choose_backup(db, args.backup)
    if db.exists() and not args.yes:
        now_n, now_last = review_summary(db)
        old_n, old_last = review_summary(backup)
        print(f"current history: {now_n} reviews, last {_when(now_last)}", file=sys.stderr)
        print(f"backup {backup.name}: {old_n} reviews, last {_when(old_last)}", file=sys.stderr)
        if not sys.stdin.isatty():
            raise QuizError("restore replaces the current history; run again with --yes to confirm")
        if input("Replace the current history with this backup? [y/N] ").strip().lower() not in ("y", "yes"):
            print("nothing changed", file=sys.stderr)
            return EXIT_OK
    used, aside = restore_backup(db, backup)
    print(f"restored {used}", file=sys.stderr)
    if aside is not None:
        print(f"the previous history was kept as {aside}; to undo: quiz restore --yes {aside}", file=sys.stderr)
    return EXIT_OK


def _when(ms: int | None) -> str:
    if ms is None:
        return "never"
    from datetime import datetime

    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M")


def _cmd_stats(args: argparse.Namespace) -> int:
    from quiz.stats import run_stats_command

    return run_stats_command(args.deck, as_json=args.json)


def _cmd_new(args: argparse.Namespace) -> int:
    from quiz.authoring.template import write_template

    path = write_template(args.deck_id, args.output, force=args.force, title=args.title)
    print(f"wrote {path}; check it with: quiz validate {path}", file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from quiz.authoring.importers import import_file
    from quiz.deck.write import write_deck

    if args.output.exists() and not args.force:
        raise QuizError(f"{args.output}: already exists; use --force to overwrite it")
    deck = import_file(
        args.file, fmt=args.format, date_column=args.date_column,
        deck_id=args.deck_id, title=args.title, output=args.output,
    )
    write_deck(deck, args.output)
    events = sum(1 for c in deck.cards if c.is_event)
    print(f"wrote {args.output}: {len(deck.cards)} cards ({events} events)", file=sys.stderr)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from quiz.authoring.export import export_deck, resolve_deck

    deck = resolve_deck(args.deck)
    count = export_deck(deck, args.output, args.format)
    print(f"wrote {args.output}: {count} cards from deck {deck.id}", file=sys.stderr)
    return EXIT_OK


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
