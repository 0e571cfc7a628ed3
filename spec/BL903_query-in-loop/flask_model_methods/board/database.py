from board import db


class CRUDMixin:
    def save(self):
        db.session.add(self)
        db.session.commit()
        return self

    def stage(self):
        db.session.add(self)
        return self
