// The title is the page's own (BureauShell sets it): kept out of the app's route table, which every resident loads.
export default definePageConfig({});
