"""The 文号 register: the SQLite store that issues each number once, and how it is listed."""
