package com.wmsanalytics.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step, run by the pom after the shade plugin: rewrites the classes of the service jar
 * that are older than Java 6 bytecode (picocli's, built for Java 5) as Java 8 bytecode, with
 * stack map frames computed. The JDK's class-data-sharing archives skip classes older than
 * Java 6 ("Pre JDK 6 class not supported by CDS"), so without this every one-shot command
 * parses and verifies picocli's two hundred classes from the jar anew. The code of each method
 * is unchanged. Prints how many classes it rewrote; a jar without such classes is left as it
 * is.
 *
 * <p>Arguments: the jar.
 */
public final class CdsClassUpgrade {

    /** Class-file major versions: below Java 6's, CDS refuses the class. */
    private static final int JAVA_6 = 50;

    private CdsClassUpgrade() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CdsClassUpgrade JAR");
        }
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                URLClassLoader classes =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                OutputStream file = Files.newOutputStream(rewritten);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream stream = in.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                if (entry.getName().endsWith(".class")
                        && !entry.getName().startsWith("META-INF/")
                        && majorVersion(bytes) < JAVA_6) {
                    bytes = asJava8(bytes, classes);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (upgraded == 0) {
            Files.delete(rewritten);
        } else {
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println(
                "cds-class-upgrade: " + upgraded + " classes older than Java 6 rewritten as Java 8 in " + jar);
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The same class as Java 8 bytecode; frames are computed with the jar's own classes at hand. */
    private static byte[] asJava8(byte[] classFile, ClassLoader classes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public void visit(
                                    int version,
                                    int access,
                                    String name,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                            }
                        },
                        ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
