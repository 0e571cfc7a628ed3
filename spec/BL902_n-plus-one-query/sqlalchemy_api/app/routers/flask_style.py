from app.models import Book


def titles_by_author():
    return [(book.title, book.author.name) for book in Book.query.filter_by(title="x").all()]  # error: BL902


def page(number):
    return [book.author.name for book in Book.query.paginate(page=number).items]  # error: BL902
