"""SQL helpers shared by the search views."""


def build_search_query(term: str, category: str) -> str:
    sql = "SELECT id, title FROM articles WHERE published = 1"
    sql += f" AND title LIKE '%{term}%'"  # error: BL301
    if category:
        sql += f" AND category = '{category}'"
    return sql


def build_count_query(term: str) -> str:
    return "SELECT count(*) FROM articles WHERE title LIKE '%%" + term + "%%'"  # error: BL301


def build_safe_query(limit: int) -> str:
    return f"SELECT id, title FROM articles ORDER BY id DESC LIMIT {limit}"
