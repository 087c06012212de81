FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng ffmpeg sox ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/tingzhen
COPY . .
RUN npm ci --omit=dev
USER node
EXPOSE 8080
CMD ["node", "app/bin/tingzhen.js", "start"]
