"""The `heard` command. Django commands are set up on demand; the coach, safety and prompt
tools run without settings or a database."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

USAGE = """usage: heard COMMAND [ARGS]

Commands:
  serve [--host H] [--port P] [--workers N]
                                serve the app (waitress, one process per core by default)
  migrate                       create or update the database
  loadcontent                   check every content file and load it into the database
  createsuperuser               create an admin account
  check [--deploy]              run Django's system checks
  demo                          create two demo people in a bond with sample activity
  worker [--tick S]             run background work (reminders) beside the server
  ideas [--place P ...]         quality-time ideas, filtered (--surprise picks one)
  plans --user NAME             one person's upcoming plans and suggested times
  backup [DIR]                  back up the database (never the keys) into DIR/heard-backup-...
  restore PATH [--replace]      restore the database from a backup folder
  keygen                        print a new encryption key for HEARD_ENCRYPTION_KEYS
  rotate-keys                   re-encrypt stored text with the newest key
  content validate              check every content file
  prompts validate|stats        the prompt deck
  lessons list|show ID          the lessons
  coach ...                     the listening coach (see `heard coach --help`)
  safety ...                    the crisis-language detector (see `heard safety --help`)
  counsellor add|list|remove    counsellor accounts (add USERNAME [--email E] [--practice P]
                                [--password-file F | --password-prompt]; remove USERNAME)
  export-progress --user NAME   one person's progress as CSV
  checkup alpha                 internal consistency (Cronbach's alpha) of the check-up
  bench web [--quick]           what pages cost: in process and under load (docs/benchmarks.md)
  manage ARGS                   any Django management command
"""

PLAIN = {
    "coach": "heard.coach.cli",
    "safety": "heard.safety.cli",
    "prompts": "heard.prompts.deck",
    "lessons": "heard.learn.cli",
    "bench": "heard.bench.cli",
}


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["heard", *argv])
    return 0


def _serve(argv: list[str]) -> int:
    from heard.core.server import default_workers, serve_forever

    parser = argparse.ArgumentParser(prog="heard serve")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("HEARD_WORKERS") or default_workers()),
        help="processes serving pages (default: one per core, or HEARD_WORKERS)",
    )
    parser.add_argument("--threads", type=int, default=8, help="threads in each process")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.threads < 1:
        parser.error("--workers and --threads must be 1 or more")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    os.environ.setdefault("HEARD_STATIC_FROM_SOURCE", "false")
    import django

    django.setup()
    from django.core.management import call_command

    # A fresh, compressed copy of the static files for WhiteNoise to serve.
    call_command("collectstatic", interactive=False, verbosity=0)

    def application() -> Any:
        from heard.wsgi import application

        return application

    processes = "process" if args.workers == 1 else "processes"
    print(
        f"Heard is running at http://{args.host}:{args.port}/  "
        f"({args.workers} {processes} x {args.threads} threads; Ctrl+C to stop)",
        flush=True,
    )
    return serve_forever(
        app_factory=application,
        host=args.host,
        port=args.port,
        workers=args.workers,
        options={"threads": args.threads, "ident": "heard", **proxy_options()},
    )


def proxy_options() -> dict[str, Any]:
    """Waitress's reverse-proxy settings: forwarded headers count only from the trusted proxy."""
    from django.conf import settings

    if not settings.TRUSTED_PROXIES:
        # With no trusted proxy, waitress drops every X-Forwarded-* header.
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": settings.TRUSTED_PROXIES[0],
        "trusted_proxy_count": settings.TRUSTED_PROXY_COUNT,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


def _content(argv: list[str]) -> int:
    from heard.content import ContentError, validate_all

    if argv[:1] != ["validate"]:
        print("usage: heard content validate", file=sys.stderr)
        return 2
    try:
        results = validate_all()
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, count in results:
        print(f"ok  {name}: {count}")
    return 0


def _keygen(argv: list[str]) -> int:
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command in PLAIN:
        import importlib

        module = importlib.import_module(PLAIN[command])
        return int(module.main(rest) or 0)
    if command == "serve":
        return _serve(rest)
    if command == "content":
        return _content(rest)
    if command == "ideas":
        from heard.quality.cli import ideas_main

        return ideas_main(rest)
    if command == "keygen":
        return _keygen(rest)
    if command == "manage":
        return _django(rest)
    if command == "checkup" and rest:
        return _django([f"checkup_{rest[0]}", *rest[1:]])
    django_commands = {
        "migrate": "migrate",
        "loadcontent": "loadcontent",
        "createsuperuser": "createsuperuser",
        "check": "check",
        "demo": "demo",
        "rotate-keys": "rotate_keys",
        "export-progress": "export_progress",
        "worker": "worker",
        "plans": "plans",
        "backup": "backup",
        "restore": "restore",
        "counsellor": "counsellor",
    }
    if command in django_commands:
        return _django([django_commands[command], *rest])
    print(f"heard: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
