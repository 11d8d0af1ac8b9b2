package dev.tend.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.tend.tui.model.LinkState;

/** Colours by meaning. */
final class Theme {
    static final TextColor BAR_BG = TextColor.ANSI.BLUE;
    static final TextColor BAR_FG = TextColor.ANSI.WHITE_BRIGHT;
    static final TextColor DIM = TextColor.ANSI.WHITE;
    static final TextColor TEXT = TextColor.ANSI.DEFAULT;
    static final TextColor ERROR = TextColor.ANSI.RED_BRIGHT;
    static final TextColor OK = TextColor.ANSI.GREEN_BRIGHT;
    static final TextColor ACCENT = TextColor.ANSI.CYAN_BRIGHT;

    private Theme() {
    }

    static TextColor state(String state) {
        return switch (state) {
            case "ready", "running" -> TextColor.ANSI.GREEN_BRIGHT;
            case "starting", "stopping" -> TextColor.ANSI.YELLOW_BRIGHT;
            case "backoff" -> TextColor.ANSI.MAGENTA_BRIGHT;
            case "crashed", "failed" -> TextColor.ANSI.RED_BRIGHT;
            case "exited", "completed" -> TextColor.ANSI.CYAN;
            default -> TextColor.ANSI.WHITE;
        };
    }

    static TextColor link(LinkState s) {
        return switch (s) {
            case LIVE -> TextColor.ANSI.GREEN_BRIGHT;
            case POLLING, CONNECTING -> TextColor.ANSI.YELLOW_BRIGHT;
            case DISCONNECTED, SILENT -> TextColor.ANSI.RED_BRIGHT;
        };
    }

    /** A stable colour per service name, so interleaved project logs are easy to follow. */
    static TextColor service(String name) {
        TextColor[] palette = {TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
            TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.CYAN, TextColor.ANSI.MAGENTA};
        return palette[Math.floorMod(name.hashCode(), palette.length)];
    }
}
