package com.wmsanalytics.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages of a command and its subcommands: picocli's generator writes each page as
 * AsciiDoc from the command's model, and Asciidoctor's manpage backend turns it into troff.
 */
final class ManPages implements AutoCloseable {

    /** One page: its file name (such as {@code wms-analytics-refresh.1}) and its troff text. */
    record Page(String fileName, String troff) {}

    private final Asciidoctor asciidoctor = Asciidoctor.Factory.create();
    private final String version;

    /** {@code version} goes into each page's footer, such as {@code wms-analytics 0.1.0}. */
    ManPages(String version) {
        this.version = version;
    }

    /**
     * The pages of {@code spec} and of every subcommand below it, the command's own first. The
     * generator titles a page's exit codes with the help's heading; a man page says EXIT STATUS.
     */
    List<Page> of(CommandSpec spec) {
        spec.usageMessage().exitCodeListHeading("Exit status");
        List<Page> pages = new ArrayList<>();
        pages.add(new Page(spec.qualifiedName("-") + ".1", troff(asciiDoc(spec))));
        spec.subcommands().values().forEach(sub -> pages.addAll(of(sub.getCommandSpec())));
        return pages;
    }

    static String asciiDoc(CommandSpec spec) {
        StringWriter adoc = new StringWriter();
        try (PrintWriter writer = new PrintWriter(adoc)) {
            ManPageGenerator.writeSingleManPage(writer, spec);
        }
        return adoc.toString();
    }

    /** Attributes given here override the generator's: the footer names the release, not the command's version. */
    private String troff(String asciiDoc) {
        Attributes attributes = Attributes.builder()
                .attribute("manmanual", CliDocs.NAME + " manual")
                .attribute("mansource", CliDocs.NAME + " " + version)
                .build();
        String troff = asciidoctor.convert(
                asciiDoc,
                Options.builder()
                        .backend("manpage")
                        .standalone(true)
                        .safe(SafeMode.SECURE)
                        .attributes(attributes)
                        .build());
        return troff.endsWith("\n") ? troff : troff + "\n";
    }

    @Override
    public void close() {
        asciidoctor.close();
    }
}
