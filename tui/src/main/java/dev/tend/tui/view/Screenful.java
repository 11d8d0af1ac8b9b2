package dev.tend.tui.view;

import dev.tend.tui.model.DaemonModel;
import dev.tend.tui.model.LogBuffer;
import dev.tend.tui.model.ServiceRow;
import dev.tend.tui.model.UiState;

import java.time.Instant;
import java.util.List;

/** Everything one frame is drawn from, read once so the frame is consistent. */
public record Screenful(DaemonModel.State state, List<ServiceRow> visible, LogBuffer.View logs, UiState ui, Instant now) {
}
