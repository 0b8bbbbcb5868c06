# Koers server image. Build: docker build -t koers .
# Run against a real MongoDB (see docker-compose.yml); without MONGODB_URI it uses the embedded
# stand-in under /data, which is for trying Koers out, not for production.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY openapi openapi
COPY server server
COPY mobile-contract mobile-contract
COPY mobile-clients mobile-clients
# Only the server (and the contract it loads): the generated mobile clients are not in the image.
RUN mvn -B -q clean package -DskipTests -pl server -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 koers && mkdir /data /keys && chown koers /data /keys
USER koers
COPY --from=build /src/server/target/koers-server.jar /app/koers-server.jar
ENV KOERS_HTTP_HOST=0.0.0.0 \
    KOERS_HTTP_PORT=8080 \
    KOERS_MANAGEMENT_HOST=0.0.0.0 \
    KOERS_MANAGEMENT_PORT=9464 \
    KOERS_DATA_DIR=/data
# 9464 serves only /metrics, for a scraper on the container network; do not publish it.
EXPOSE 8080 9464
# Probes: GET /health/live (process) and GET /health/ready (MongoDB answers).
# exec form: SIGTERM reaches the JVM, which finishes requests in flight before it exits.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/koers-server.jar"]
