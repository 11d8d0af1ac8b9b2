package dev.tend.daemon.rpc;

import dev.tend.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs each frame's methods on a worker thread, off the I/O threads, so a slow method (a stop waiting for
 * a service's stop_timeout) never delays another peer. Requests of one connection may be answered out of
 * order; JSON-RPC clients match responses by id.
 */
public final class RpcDispatcher implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);
    private final JsonRpcEndpoint endpoint;
    private final ExecutorService workers;
    private final ExecutorService pageWorkers;

    /**
     * @param pageWorkers a few threads for the frames that read log pages (logs.read, job.logs): each holds MiBs
     *                    while it runs, so three hundred clients asking at once take turns there, while everyone
     *                    else's requests run at once on {@code workers}
     */
    public RpcDispatcher(JsonRpcEndpoint endpoint, ExecutorService workers, ExecutorService pageWorkers) {
        this.endpoint = endpoint;
        this.workers = workers;
        this.pageWorkers = pageWorkers;
    }

    /** By the method names in its text: a wrong guess (the name in a param) only changes which threads run it. */
    static boolean readsLogPages(String frame) {
        return frame.contains("\"logs.read\"") || frame.contains("\"job.logs\"");
    }

    @Override
    public void onFrame(Peer peer, String frame, Runnable answered) {
        try {
            (readsLogPages(frame) ? pageWorkers : workers).execute(() -> {
                try {
                    serve(peer, frame);
                } catch (RuntimeException bug) {
                    // Handlers' failures are answered as errors inside serve; what escapes is a bug in answering
                    // this one peer: its answer is lost, so its connection is closed (its client does not wait for
                    // ever) and every other peer, and the daemon, go on
                    Incidents.report(log, "answering " + peer.name() + "; closing its connection", bug);
                    peer.close();
                } finally {
                    answered.run();
                }
            });
        } catch (RejectedExecutionException e) {
            peer.send(JsonRpcEndpoint.errorResponse(ErrorCode.SHUTTING_DOWN, "the daemon is shutting down"));
            answered.run();
        }
    }

    private void serve(Peer peer, String frame) {
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
    }

    @Override
    public void onUnreadableFrame(Peer peer, String why) {
        ErrorCode code = why.contains("UTF-8") ? ErrorCode.PARSE_ERROR : ErrorCode.INVALID_REQUEST;
        peer.send(JsonRpcEndpoint.errorResponse(code, code.defaultMessage() + ": " + why));
    }
}
