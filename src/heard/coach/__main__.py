import sys

from heard.coach.cli import main

sys.exit(main(sys.argv[1:]))
