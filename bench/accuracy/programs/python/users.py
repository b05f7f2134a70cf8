ROLES = {"ada": "admin"}


class User:
    def __init__(self, email):
        self.email = email


def find(name):
    return User(name + "@example.com") if name in ROLES else None


# @shift
def role_of(name):
    # Bug: unknown users raise KeyError.
    return ROLES[name].upper()


def email_domain(name):
    # Bug: find() returns None for unknown users.
    return find(name).email.split("@")[1]
