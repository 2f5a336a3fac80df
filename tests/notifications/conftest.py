from tests.learning.conftest import future, make_question, vig_wp  # noqa: F401
