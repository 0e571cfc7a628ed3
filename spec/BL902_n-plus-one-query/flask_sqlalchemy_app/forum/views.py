from forum.models import Post, Topic, User


def latest_posts():
    return [(post.content, post.author.username)  # error: BL902 "joinedload"
            for post in Post.query.order_by(Post.id.desc()).limit(20).all()]


def topic_counts():
    return {topic.title: topic.posts.count() for topic in Topic.query.all()}  # error: BL902


def clean_reads():
    rows = []
    for topic in Topic.query.all():
        rows.append((topic.title, topic.last_post.content, topic.last_post_id))
    for user in User.query.filter_by(username="x").all():
        rows.append(user.posts)
    return rows
