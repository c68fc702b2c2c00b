# Kiln's image: the distribution archive on Debian 12 slim, with the engines' programs and a Java runtime
# linked from the build stage's JDK (Debian 12 packages no Java newer than 17).
#   docker build -t kiln .        docker run -p 8080:8080 -v kiln-data:/data kiln
# Without a registry or a Docker daemon: packaging/build-image (docs/operations.md, "Deploying").

# ---- build: the archive, and a Java runtime of the modules Kiln and its libraries use ----
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-21
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY src src
COPY packaging packaging
RUN mvn -B -q package -DskipTests \
 && mkdir /dist && tar -xzf target/kiln-*.tar.gz -C /dist --strip-components=1
# java.se is every java.* module; the jdk.* ones are what the libraries reach for (elliptic-curve TLS to
# S3 and PostgreSQL, extra charsets and locales for documents, Unsafe for Caffeine, process metrics);
# --strip-java-debug-attributes, not --strip-debug, which also needs binutils' objcopy
RUN jlink --add-modules java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.unsupported,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.net \
      --strip-java-debug-attributes --no-man-pages --no-header-files --output /jre

# ---- runtime ----
FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
# the engines' programs: the same packages as ENGINE_PACKAGES in ./kiln (full LibreOffice, not -nogui:
# a long-running office process aborts on documents with comments without Writer's UI files);
# tini reaps the office and browser processes Kiln leaves to it, curl is the health check
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libreoffice-writer libreoffice-calc libreoffice-impress \
      chromium chromium-headless-shell tesseract-ocr tesseract-ocr-eng qpdf ghostscript fonts-droid-fallback \
      fonts-dejavu-core fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea \
      fonts-noto-core fonts-noto-cjk \
      tini curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /jre /opt/java
COPY --from=build /dist /opt/kiln
# Chromium's own sandbox needs user namespaces, which a container's default seccomp profile and capabilities
# deny to a non-root user (and its setuid helper, chromium-sandbox, fails the same way): the headless shell
# runs without it, under a name that still says headless shell; the container is the sandbox
RUN mkdir -p /usr/local/lib/kiln \
 && printf '#!/bin/sh\nexec /usr/lib/chromium/chromium-headless-shell --no-sandbox "$@"\n' \
      > /usr/local/lib/kiln/chromium-headless-shell \
 && chmod 755 /usr/local/lib/kiln/chromium-headless-shell
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /data --shell /usr/sbin/nologin kiln \
 && install -d -o kiln -g kiln /data /etc/kiln
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/data \
    KILN_BIND=0.0.0.0 \
    KILN_DATA=/data \
    KILN_CDS_FILE=/data/kiln.jsa \
    KILN_CHROMIUM=/usr/local/lib/kiln/chromium-headless-shell
USER kiln
VOLUME /data
EXPOSE 8080
# /ready: 200 once the database and the file store answer
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "/opt/kiln/bin/kiln"]
CMD ["serve"]
