"""Allow `python -m jdwizard`."""

from jdwizard.cli import main

raise SystemExit(main())
