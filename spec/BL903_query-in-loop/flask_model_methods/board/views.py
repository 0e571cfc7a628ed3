from board import db
from board.models import Report


def zap_reports(ids):
    for report in Report.query.filter(Report.id.in_(ids)).all():
        report.zapped = True
        report.save()  # error: BL903 "CRUDMixin.save"


def zap_each(ids):
    for report in Report.query.filter(Report.id.in_(ids)).all():
        report.zap()  # error: BL903


def stage_all(ids):
    for report in Report.query.filter(Report.id.in_(ids)).all():
        report.stage()
    db.session.commit()
