package dev.tend.daemon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartFailureTest {
    @Test
    void aFileSystemExceptionSaysWhatIsWrongWithThePath() {
        assertEquals("/run/tend.sock: a directory that is not empty is in the way",
                StartFailure.describe(new DirectoryNotEmptyException("/run/tend.sock")));
        assertEquals("/state: permission denied", StartFailure.describe(new AccessDeniedException("/state")));
    }

    @Test
    void aReasonGivenByTheSystemIsKept() {
        assertEquals("/a: Read-only file system",
                StartFailure.describe(new FileSystemException("/a", null, "Read-only file system")));
    }

    @Test
    void otherExceptionsKeepTheirMessage() {
        assertEquals("cannot listen on /x: boom", StartFailure.describe(new IOException("cannot listen on /x: boom")));
    }
}
