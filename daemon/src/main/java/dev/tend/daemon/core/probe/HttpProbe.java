package dev.tend.daemon.core.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;

/** Ready when a GET of the URL answers 2xx or 3xx (redirects are not followed). */
final class HttpProbe implements Probe {

    private final URL url;
    private final Duration timeout;
    private volatile String lastProblem;

    HttpProbe(String target, Duration timeout) {
        try {
            URI uri = new URI(target);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("http probe: '" + target + "' is not an http:// or https:// URL");
            }
            this.url = uri.toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("http probe: bad URL '" + target + "': " + e.getMessage());
        }
        this.timeout = timeout;
    }

    @Override
    public boolean check() {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setUseCaches(false);
            int code = c.getResponseCode();
            InputStream body = code < 400 ? c.getInputStream() : c.getErrorStream();
            if (body != null) {
                body.close();
            }
            lastProblem = "HTTP " + code;
            return code >= 200 && code < 400;
        } catch (IOException e) {
            lastProblem = Probes.problem(e);
            return false;
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public String describe() {
        return "http " + url;
    }
}
