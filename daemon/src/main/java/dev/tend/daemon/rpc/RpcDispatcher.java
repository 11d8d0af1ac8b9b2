package dev.tend.daemon.rpc;

import dev.tend.protocol.ErrorCode;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs each frame's methods on a worker thread, off the I/O threads, so a slow method (a stop waiting for
 * a service's stop_timeout) never delays another peer. Requests of one connection may be answered out of
 * order; JSON-RPC clients match responses by id.
 */
public final class RpcDispatcher implements FrameHandler {
    private final JsonRpcEndpoint endpoint;
    private final ExecutorService workers;

    public RpcDispatcher(JsonRpcEndpoint endpoint, ExecutorService workers) {
        this.endpoint = endpoint;
        this.workers = workers;
    }

    @Override
    public void onFrame(Peer peer, String frame) {
        try {
            workers.execute(() -> {
                java.util.List<Runnable> after;
                String response;
                RpcContext.collectAfterResponse();
                try {
                    response = endpoint.handle(frame, peer);
                } finally {
                    after = RpcContext.collectedAfterResponse();
                }
                if (response != null) {
                    peer.send(response);
                }
                after.forEach(Runnable::run);
            });
        } catch (RejectedExecutionException e) {
            peer.send(JsonRpcEndpoint.errorResponse(ErrorCode.SHUTTING_DOWN, "the daemon is shutting down"));
        }
    }

    @Override
    public void onUnreadableFrame(Peer peer, String why) {
        ErrorCode code = why.contains("UTF-8") ? ErrorCode.PARSE_ERROR : ErrorCode.INVALID_REQUEST;
        peer.send(JsonRpcEndpoint.errorResponse(code, code.defaultMessage() + ": " + why));
    }
}
