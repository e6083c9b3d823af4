from heard.safety.cli import main

raise SystemExit(main())
