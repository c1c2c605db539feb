"""One module per subcommand; each defines ``register(subparsers)``. main.py discovers them."""
