"""The GUI's pages, one module per area; each registers its routes with ``routes.route``."""
