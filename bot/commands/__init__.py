"""One module per `tip-bot` subcommand: add_arguments(parser) and run(args) -> exit status."""
