from backlegs_tui.cli import main

raise SystemExit(main())
