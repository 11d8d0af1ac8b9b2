package dev.tend.cli;

import picocli.CommandLine.Parameters;

import java.util.List;

/** start / stop / restart: a {@link ServiceAction} that takes nothing but its REFs. */
abstract class ServiceRefsAction extends ServiceAction {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "service (of this directory's project) or project/service")
    List<String> refs;

    ServiceRefsAction(String method, String verb) {
        super(method, verb);
    }

    @Override
    final List<String> refs() {
        return refs;
    }
}
