"""A name like `schema_name` is metadata only when the code chose it."""

from sqlalchemy import text


class VectorStore:
    def __init__(self, session, schema_name: str) -> None:
        self.session = session
        self.schema_name = schema_name

    def exists(self) -> bool:
        statement = text(
            f"SELECT 1 FROM information_schema.schemata WHERE schema_name = '{self.schema_name}'"  # error: BL301 "self.schema_name"
        )
        return self.session.execute(statement).first() is not None

    def delete(self, ref_doc_id: str) -> None:
        statement = text(
            f"DELETE FROM {self.schema_name}.data WHERE doc_id = '{ref_doc_id}'"  # error: BL301 "ref_doc_id"
        )
        self.session.execute(statement)

    def filter_clause(self, key, value):
        return text(f"metadata_->>'{key}' = '{value}'")  # error: BL301 "key"
