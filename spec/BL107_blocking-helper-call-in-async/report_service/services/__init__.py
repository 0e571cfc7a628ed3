from services.storage import ReportStorage

__all__ = ["ReportStorage"]
