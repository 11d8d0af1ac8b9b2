package dev.tend.tui.view;

/**
 * Where each part of the screen goes for a size: title bar on top, the service table, the log pane under it
 * (with its own title row), the status bar at the bottom. The table takes what its rows need, at most half.
 */
public record Layout(int width, int height, int tableTop, int tableHeight, int logTitleRow, int logTop,
                     int logHeight, int statusRow) {

    public static Layout of(int width, int height, int serviceCount) {
        int middle = Math.max(0, height - 2);
        int wanted = serviceCount + 1; // header + one row each
        int tableHeight = Math.min(Math.max(2, wanted), Math.max(2, middle / 2));
        tableHeight = Math.min(tableHeight, middle);
        int logTitle = 1 + tableHeight;
        int logHeight = Math.max(0, middle - tableHeight - 1);
        return new Layout(width, height, 1, tableHeight, logTitle, logTitle + 1, logHeight, Math.max(0, height - 1));
    }

    /** Rows of services the table can show (its first row is the header). */
    public int tableBodyHeight() {
        return Math.max(0, tableHeight - 1);
    }
}
