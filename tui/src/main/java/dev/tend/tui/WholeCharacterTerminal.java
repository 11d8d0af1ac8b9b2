package dev.tend.tui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal, writing a character outside Unicode's basic plane (an emoji: two Java chars) whole.
 * Lanterna 3.1 writes a string char by char, encoding each half of such a pair on its own, which no charset can:
 * the terminal got '??' where the log line had an emoji.
 */
final class WholeCharacterTerminal extends UnixTerminal {

    WholeCharacterTerminal(InputStream in, OutputStream out, Charset charset, CtrlCBehaviour ctrlC) throws IOException {
        super(in, out, charset, ctrlC);
    }

    @Override
    public void putString(String string) throws IOException {
        for (int i = 0; i < string.length(); ) {
            char c = string.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
                writeToTerminal(string.substring(i, i + 2).getBytes(getCharset()));
                i += 2;
            } else {
                putCharacter(c);
                i++;
            }
        }
    }
}
