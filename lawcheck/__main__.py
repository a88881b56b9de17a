from lawcheck.cli import main

raise SystemExit(main())
