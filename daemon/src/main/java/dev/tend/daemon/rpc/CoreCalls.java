package dev.tend.daemon.rpc;

import dev.tend.daemon.core.SupervisorException;
import dev.tend.daemon.store.StoreException;
import dev.tend.daemon.project.ProjectFileException;
import dev.tend.protocol.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Translates the core's failures into protocol errors, in one place: every handler's exception passes through
 * {@link #translate} (HandlerInvoker calls it), so a foreseen failure of the core reaches the peer with its code
 * and words however deep it was thrown, and the {@code *Methods} handlers need not catch to translate. What is left
 * untranslated is a bug: an internal error with an incident.
 */
final class CoreCalls {
    private CoreCalls() {
    }

    /** Waits for a core operation and turns its failure into an {@link RpcException}. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorCode.SHUTTING_DOWN, "interrupted: the daemon is shutting down");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    static RuntimeException translate(Throwable t) {
        while (t instanceof CompletionException || t instanceof ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof RpcException r) {
            return r;
        }
        if (t instanceof SupervisorException s) {
            ErrorCode code = switch (s.kind()) {
                case INVALID -> ErrorCode.INVALID_PARAMS;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case CONFLICT -> ErrorCode.CONFLICT;
                case FAILED -> ErrorCode.OPERATION_FAILED;
                case SHUTTING_DOWN -> ErrorCode.SHUTTING_DOWN;
            };
            return new RpcException(code, s.getMessage());
        }
        if (t instanceof ProjectFileException p) {
            return invalidConfig(p);
        }
        if (t instanceof StoreException s) {
            // A write the daemon could not make (a full disk): the operation failed, in the store's own words.
            return new RpcException(ErrorCode.OPERATION_FAILED, s.getMessage());
        }
        if (t instanceof RuntimeException r) {
            return r; // a bug: the endpoint reports it as an internal error with an incident id, and logs it
        }
        return new IllegalStateException(t);
    }

    static RpcException invalidConfig(ProjectFileException p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", p.file().toString());
        data.put("line", p.line());
        data.put("reason", p.reason());
        return new RpcException(ErrorCode.INVALID_CONFIG, p.getMessage(), data);
    }
}
