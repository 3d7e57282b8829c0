// The title is set by the page (useTitle): kept out of the app's route table, which every resident loads.
export default definePageConfig({});
