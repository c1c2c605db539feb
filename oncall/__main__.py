from oncall.cli.main import main

raise SystemExit(main())
