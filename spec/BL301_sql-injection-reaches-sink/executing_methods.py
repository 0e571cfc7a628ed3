"""Methods that run SQL on receivers with any name: judged only on a statement that parses."""


class Store:
    def __init__(self, scope, dataset, conn) -> None:
        self._scope = scope
        self.ds = dataset
        self.conn = conn

    def delete(self, ref_doc_id: str) -> None:
        self._scope.query(
            f"DELETE FROM `docs` WHERE meta.ref_doc_id = '{ref_doc_id}'"  # error: BL301 "guessed"
        ).execute()

    def by_ids(self, ids: list) -> object:
        return self.ds.query(f"SELECT * FROM docs WHERE id IN ({str(ids)[1:-1]})")  # error: BL301

    def restore_point(self, name: str) -> object:
        return self.conn.execute_scalar(
            "SELECT pg_create_restore_point('{0}');".format(name))  # error: BL301

    def bound(self, ref_doc_id: str) -> None:
        self._scope.query("DELETE FROM `docs` WHERE meta.ref_doc_id = $id", id=ref_doc_id)

    def not_sql(self, term: str) -> object:
        return self.ds.query(f"text contains '{term}'")

    def search_api(self, index, term: str) -> object:
        return index.query(f"title:{term} AND body:{term}")

    def graph(self, client, name: str) -> object:
        return client.execute_graphql(f'query {{ user(name: "{name}") {{ id }} }}')


def wrap(sql: str, select: str) -> str:
    return "SELECT %s FROM (%s) AS _" % (select, sql)


def explore(dataset, sql: str, select: str) -> object:
    # Clean: a call guessed by its name is judged only on the text it is seen receiving.
    return dataset.query(wrap(sql, select))


def placeholders(database, cutoff) -> object:
    # Clean: on a guessed call, only a value in a quoted literal or an IN list is reported.
    return database.execute(f"DELETE FROM runs WHERE finished < {cutoff}")


def names(database, table: str) -> object:
    # Clean: identifiers on a guessed call are not reported.
    return database.execute(f"DELETE FROM {table} WHERE id = 1")
