"""One module per appliance command; each registers itself with ``engine.registry.command``."""
