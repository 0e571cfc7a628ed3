from board import db
from board.database import CRUDMixin


class Report(db.Model, CRUDMixin):
    id = db.Column(db.Integer, primary_key=True)
    zapped = db.Column(db.Boolean, default=False)

    def zap(self):
        self.zapped = True
        db.session.commit()
