from django.db import models


class DataVersion(models.Model):
    """A version per topic that the database itself renews on every write to
    the topic's tables (triggers, see ``leerroute.core.versions``)."""

    topic = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"{self.topic} {self.version}"
