"""Published editions of the status report: the files and the data they were built from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """A frozen status report: downloads stay byte-identical whatever the register does later."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    organisation = models.SlugField(
        _("organisation"),
        max_length=100,
        help_text=_("The organisation whose report this is (its identifier)."),
    )
    period = models.CharField(_("period"), max_length=7)
    language = models.CharField(_("language"), max_length=5)
    title = models.CharField(_("title"), max_length=200)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.CharField(_("published by"), max_length=150, blank=True)
    data = models.JSONField(_("register data it was built from"))
    pptx = models.BinaryField(_("PowerPoint file"))
    pdf = models.BinaryField(_("PDF file"))
    html = models.BinaryField(_("web page"))

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("published edition")
        verbose_name_plural = _("published editions")

    def __str__(self) -> str:
        return f"{self.title} ({self.published_at:%Y-%m-%d %H:%M})"

    def file(self, file_format: str) -> bytes:
        return bytes(getattr(self, file_format))
