# tip-bot in a container: HTTP mode (the Procfile's `web`) by default; `tip-bot digest --schedule` for the clock.
# Built from the hash-pinned lock (requirements.txt), the same pins CI tests; the fact base ships inside the wheel.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY requirements.txt ./
RUN python -m venv /venv && /venv/bin/pip install --require-hashes -r requirements.txt
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN /venv/bin/pip install --no-deps . && /venv/bin/tip-bot validate

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin tipbot
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PORT=3000 DATABASE_URL=sqlite:////home/tipbot/tip-bot.db
USER tipbot
WORKDIR /home/tipbot
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=2)"]
# `exec` replaces the shell, so tip-bot is PID 1 and `docker stop`'s SIGTERM reaches it directly
# (uvicorn drains in-flight requests, then exits 0); the shell form is needed to expand $PORT.
CMD ["sh", "-c", "exec tip-bot serve --http --port $PORT --workers ${WEB_CONCURRENCY:-2}"]
