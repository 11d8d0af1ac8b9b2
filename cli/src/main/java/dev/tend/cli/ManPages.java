package dev.tend.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.File;
import java.lang.reflect.Method;

/**
 * Build-time only (the cli pom runs it at package): writes the AsciiDoc man pages of the full command
 * model with picocli-codegen. The model is assembled by {@link CommandModel}, not by annotations, so the
 * generator is handed the finished model; codegen is a plugin dependency, reached reflectively, and never
 * on the CLI's run-time class path.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws Exception {
        File outdir = new File(args.length > 0 ? args[0] : "man");
        if (!outdir.isDirectory() && !outdir.mkdirs()) {
            throw new IllegalStateException("cannot create " + outdir);
        }
        Class<?> generator = Class.forName("picocli.codegen.docgen.manpage.ManPageGenerator");
        Method generate = generator.getMethod("generateManPage", File.class, File.class, boolean[].class, boolean.class,
                CommandSpec[].class);
        generate.invoke(null, outdir, null, new boolean[0], true, new CommandSpec[] {CommandModel.full().getCommandSpec()});
    }
}
