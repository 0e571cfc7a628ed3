from forum import db


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80))
    posts = db.relationship("Post", backref="author", lazy="dynamic")


class Topic(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))
    posts = db.relationship("Post", backref="topic", lazy="dynamic")
    last_post = db.relationship("Post", uselist=False, lazy="joined",
                                foreign_keys="Topic.last_post_id")
    last_post_id = db.Column(db.Integer, db.ForeignKey("post.id"))


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    topic_id = db.Column(db.Integer, db.ForeignKey("topic.id"))
    content = db.Column(db.Text)
