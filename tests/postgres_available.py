"""Exit 0 if the PostgreSQL server at the given URL answers, 1 if not."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
