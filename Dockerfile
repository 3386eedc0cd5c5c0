# samvirke's production image: gunicorn as a non-root user; the same image runs the worker
# (`samvirke qcluster`) and one-off commands (`samvirke migrate`). Settings come from the
# environment (README, "Several servers").
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=samvirke.settings
# WeasyPrint (PDF reports) needs Pango and a font
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 samvirke

WORKDIR /app
COPY pyproject.toml README.md ./
COPY samvirke ./samvirke
RUN pip install --no-cache-dir '.[production]' \
    && SECRET_KEY=build-only samvirke collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var && chown -R samvirke:samvirke /app/var

USER samvirke
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "samvirke.wsgi:application"]
