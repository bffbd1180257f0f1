"""The 文号 register: SQLite schema and migrations, allocation, voiding and listing."""
