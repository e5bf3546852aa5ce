"""The talkeditor command line (argparse); with no command it opens the app."""
