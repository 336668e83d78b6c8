# Image for the production-like stack in docker-compose.yml (web, worker, beat).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=clusterpolisee.settings.production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext postgresql-client \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
# The locked versions first (a layer that changes only with the lock), then the project
# without resolving anything again. .ci/smoke installs the same way.
COPY requirements.txt ./
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
# The production settings refuse placeholder keys, so the build uses a throwaway random one.
RUN pip install --no-cache-dir --no-deps . \
 && DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(60))')" \
    DJANGO_ALLOWED_HOSTS=localhost REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 app && mkdir -p /app/media /app/private-media \
 && chown app /app/media /app/private-media
USER app
EXPOSE 8000
CMD ["gunicorn", "clusterpolisee.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
