"""End-to-end tests of the built and installed collection (a package, so its modules can share helpers)."""
